"""Page furniture: teasers, navigation, widgets, footers, captions, duplicates; the seeds against the gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.sources import load_corpus, load_document

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "sources"


def load(tmp_path: Path, text: str, name: str = "page.txt"):
    p = tmp_path / name
    p.write_text(text, "utf-8")
    return load_document(p)


def body(doc) -> str:
    return "\n".join(s.text for s in doc.sentences)


def furniture(doc) -> list[tuple[str, str]]:
    return [(f.reason, doc.raw[f.start:f.end]) for f in doc.furniture]


# ---------------------------------------------------------------- teasers
def test_list_marker_consumes_items_until_prose(tmp_path: Path) -> None:
    doc = load(tmp_path, "Talks resume in Geneva, the ministry said on Monday.\n\nAlso Read\n\n"
                         "Donald Trump, Trump\n\nPutin says talks on track\n\n- Trump hails progress in Riyadh\n\n"
                         "The delegations will meet again in May, the ministry said.\n")
    assert furniture(doc) == [("teaser", "Also Read\n\nDonald Trump, Trump\n\nPutin says talks on track\n\n"
                                         "- Trump hails progress in Riyadh")]
    assert body(doc) == ("Talks resume in Geneva, the ministry said on Monday.\n"
                         "The delegations will meet again in May, the ministry said.")


def test_teaser_standfirst_inside_a_list(tmp_path: Path) -> None:
    doc = load(tmp_path, "The talks ended on Monday, officials said.\nYou May Also Like\n"
                         "Dollar index falls to three-month low after weak jobs data\n"
                         "Traders moved to lock in gains after a rally that lifted the dollar.\n"
                         "Tags: dollar, markets\n")
    assert body(doc) == "The talks ended on Monday, officials said."


def test_truncated_teaser_standfirst_is_an_item(tmp_path: Path) -> None:
    doc = load(tmp_path, "The talks ended on Monday, officials said.\n\nMore From This Section\n\n"
                         "Ahead of the first offshore auctions, the government set royalty rates. The rate for sand\n\n"
                         "Return to talks  In Riyadh, both sides agreed to restore staffing at embassies.\n")
    assert "royalty" not in body(doc)
    assert "In Riyadh, both sides agreed to restore staffing at embassies." in body(doc)


@pytest.mark.parametrize("line", ["Related article: How the trade war could hit exports",
                                  "Read more: Gas prices fall for third week in Europe",
                                  "Read More Details", "See also: Port strike ends"])
def test_inline_teasers(tmp_path: Path, line: str) -> None:
    doc = load(tmp_path, f"The talks ended on Monday, officials said.\n\n{line}\n\nThey resume in May, he said.\n")
    assert furniture(doc) == [("teaser", line)]


@pytest.mark.parametrize("line", ["Related talks in Geneva ended without agreement on Monday, diplomats said.",
                                  "Read more about the plan on the ministry's website, officials added.",
                                  "More than 40 ships waited at anchor, the port said.",
                                  "Watch for further announcements, the minister told reporters."])
def test_sentences_that_start_like_teasers_stay(tmp_path: Path, line: str) -> None:
    doc = load(tmp_path, f"The talks ended on Monday, officials said.\n{line}\n")
    assert doc.furniture == [] and line in body(doc)


def test_teaser_glued_to_the_next_paragraph_is_split(tmp_path: Path) -> None:
    doc = load(tmp_path, "Relations were already strained, officials said.\n"
                         "Read more Moscow weighs in on US approach to resolving Ukraine conflictRelations "
                         "deteriorated further under former President Joe Biden in 2022.\n")
    assert furniture(doc) == [("teaser", "Read more Moscow weighs in on US approach to resolving Ukraine conflict")]
    assert body(doc).endswith("Relations deteriorated further under former President Joe Biden in 2022.")
    i = doc.text.index("in 2022")
    assert doc.evidence(i, i + 7).text == "in 2022"


def test_trailing_teaser_before_a_footer() -> None:
    doc = load_document(FIX / "trailing_teaser.txt")
    text = body(doc)
    assert "Ghana" not in text and "levy" not in text
    assert text.endswith("Shipping lines had complained of waits of up to ten days in March.")
    assert ("source line", "SOURCE: Lagos Ledger") in furniture(doc)


def test_no_trailing_teaser_without_a_footer(tmp_path: Path) -> None:
    text = ("Port congestion eases as new terminal opens\n\nCongestion eased on Monday, officials said.\n\n"
            "The terminal can handle a million containers a year, the authority said.\n\n"
            "What the new terminal means for shipping lines in the region\n\n"
            "Shipping lines expect waiting times to halve by the end of the year.\n")
    doc = load(tmp_path, text)
    assert "Shipping lines expect waiting times to halve" in body(doc)


# ---------------------------------------------------------------- page head
def test_breadcrumb_keeps_the_title_and_the_standalone_copy_is_the_duplicate(tmp_path: Path) -> None:
    doc = load(tmp_path, "Business Standard\nNotification Icon\n"
                         "Home / World News / Russian, US diplomats meet in Istanbul for second round of talks\n\n"
                         "Russian, US diplomats meet in Istanbul for second round of talks\n\n"
                         "Peskov said the talks followed an understanding reached during the call\n\n"
                         "US Russia flag\n\nAP Istanbul\n3 min read\n\nListen to This Article\n\n"
                         "Russian and US diplomats met in Istanbul on Thursday, officials said.\n\n"
                         "Peskov said the talks followed an understanding reached during the call and contacts "
                         "in Saudi Arabia.\n")
    assert furniture(doc) == [
        ("navigation", "Business Standard"), ("widget", "Notification Icon"), ("navigation", "Home / World News /"),
        ("duplicate of line 3", "Russian, US diplomats meet in Istanbul for second round of talks"),
        ("duplicate of line 18", "Peskov said the talks followed an understanding reached during the call"),
        ("caption", "US Russia flag"), ("dateline", "AP Istanbul"), ("widget", "3 min read\n\nListen to This Article")]
    assert doc.sentences[0].text == "Russian, US diplomats meet in Istanbul for second round of talks"
    i = doc.raw.index("second round")
    assert doc.sentences[0].start == doc.text.index("Russian, US") and doc.raw_span(
        doc.sentences[0].start, doc.sentences[0].end)[0] < i
    assert doc.meta.title == "Russian, US diplomats meet in Istanbul for second round of talks"
    assert {"marker": "AP Istanbul", "agency": "AP", "kind": "wire"} in doc.meta.syndication


def test_exact_duplicate_keeps_the_first(tmp_path: Path) -> None:
    doc = load(tmp_path, "Oil prices climb as OPEC+ signals output restraint\n"
                         "Oil prices climb as OPEC+ signals output restraint\n"
                         "Brent crude rose 2% on Monday, traders said.\n")
    assert furniture(doc) == [("duplicate of line 1", "Oil prices climb as OPEC+ signals output restraint")]


def test_short_repeated_lines_are_not_duplicates(tmp_path: Path) -> None:
    doc = load(tmp_path, "Talks in Geneva\n\nThe talks began on Monday, officials said.\n\nTalks in Geneva\n\n"
                         "They ended on Tuesday, officials said.\n")
    assert doc.furniture == []


@pytest.mark.parametrize("line", ["Russian Foreign Minister Sergey Lavrov. / TRT World",
                                  "Russian Ambassador to the United States Alexander Darchiyev. Russian Foreign Ministry",
                                  "Farmers protest near the border, Tuesday, April 22, 2025. (AP Photo/Christian Chavez)",
                                  "Photo: Trucks queue at the border post. REUTERS/Thomas Mukoya",
                                  "File photo: The Kremlin in Moscow"])
def test_captions(tmp_path: Path, line: str) -> None:
    doc = load(tmp_path, f"Talks set for Thursday\n{line}\n\nThe talks will take place on Thursday, the ministry said.\n")
    assert ("caption", line) in furniture(doc)


def test_headline_with_an_abbreviation_is_not_a_caption(tmp_path: Path) -> None:
    doc = load(tmp_path, "U.S. Says Talks Set For Thursday\n\nThe talks will take place on Thursday, officials said.\n")
    assert doc.furniture == [] and doc.meta.title == "U.S. Says Talks Set For Thursday"


@pytest.mark.parametrize("line,byline", [("By Vafa Guliyeva", "Vafa Guliyeva"),
                                         ("By Jane Mwangi and Tom Hale, Reuters", "Jane Mwangi and Tom Hale"),
                                         ("Author: Lena Ortiz", "Lena Ortiz")])
def test_bylines(tmp_path: Path, line: str, byline: str) -> None:
    doc = load(tmp_path, f"The talks ended on Monday, officials said.\n{line}\n")
    assert doc.meta.byline == byline and furniture(doc) == [("byline", line)]


@pytest.mark.parametrize("line", ["By Tuesday, negotiators hope to have a draft text ready.",
                                  "By Monday the ships had left the harbour.", "By then, talks had stalled."])
def test_sentences_starting_with_by_stay(tmp_path: Path, line: str) -> None:
    doc = load(tmp_path, f"The talks ended on Monday, officials said.\n{line}\n")
    assert doc.furniture == [] and doc.meta.byline is None


# ---------------------------------------------------------------- end of page
def test_footers_disclaimers_and_tail(tmp_path: Path) -> None:
    doc = load(tmp_path, "The talks ended on Monday, officials said.\n\n"
                         "(Only the headline and picture of this report may have been reworked by the Daily staff; "
                         "the rest of the content is auto-generated from a syndicated feed.)\n\n"
                         "Topics : US Russia\n\nDon't miss the most important news. Get them on our Telegram channel\n\n"
                         "Explore News\n\nMarket LIVE\nHOT STOCKS\nThe index rose 2% on Friday.\n")
    assert [r for r, _ in furniture(doc)] == ["disclaimer", "footer"]
    assert body(doc) == "The talks ended on Monday, officials said."
    assert doc.meta.syndication == [{"marker": "auto-generated from a syndicated feed", "agency": None,
                                     "kind": "syndicated-feed"}]


def test_an_editors_note_is_the_outlets_boilerplate(tmp_path: Path) -> None:
    doc = load(tmp_path, "The talks ended on Monday, officials said.\n\n"
                         "Editor’s note: The candidate has repeatedly pledged to ban 1.6 billion members of an "
                         "entire religion from entering the country.\n")
    assert [r for r, _ in furniture(doc)] == ["disclaimer"]
    assert body(doc) == "The talks ended on Monday, officials said."


def test_aggregator_disclaimer_names_outlet_and_title(tmp_path: Path) -> None:
    doc = load(tmp_path, "The talks ended on Monday, officials said.\n"
                         "Finally We wish NewsHub provided you with enough information of ( ‘Progress’ in talks )\n")
    assert doc.meta.outlet == "NewsHub" and doc.meta.title == "‘Progress’ in talks"
    assert [r for r, _ in furniture(doc)] == ["disclaimer"]


def test_wire_credits_and_standards_footer() -> None:
    doc = load_document(FIX / "reuters_wire.txt")
    reasons = [r for r, _ in furniture(doc)]
    assert reasons == ["byline", "widget", "dateline", "caption", "teaser", "credit", "footer"]
    text = body(doc)
    assert text.startswith("Kenya, Tanzania agree to reopen Namanga border crossing after talks\n"
                           "Kenya and Tanzania agreed on Wednesday")
    for junk in ("NAIROBI", "Reuters", "Mukoya", "Uganda", "Editing", "Standards", "3 min"):
        assert junk not in text, junk


def test_aggregator_page() -> None:
    doc = load_document(FIX / "aggregator.txt")
    assert [s.text for s in doc.sentences] == [
        "Oil prices climb as OPEC+ signals output restraint",
        "Brent crude rose 2% on Monday after OPEC+ ministers said they would keep output steady until the end of "
        "June, easing concerns about a supply glut.",
        "The benchmark gained $1.40 to $66.20 a barrel by 0900 GMT, while U.S. West Texas Intermediate crude rose 1.9%.",
        "Analysts said the group's decision signalled a cautious approach.",
        "\"The market needed reassurance,\" said Priya Natarajan of Meridian Energy.",
        "Traders expect the cuts to support demand from Asian refiners, which buy most of the kingdom's crude."]
    m = doc.meta
    assert (m.published, m.byline, m.outlet) == ("2025-04-14", "Ahmed Karimi", "Market Wire Daily")
    assert ("duplicate of line 9", "Brent crude rose 2% on Monday after OPEC+ ministers said they would keep "
                                   "output steady until the end of June") in furniture(doc)


def test_furniture_in_the_middle_keeps_a_broken_paragraph_together(tmp_path: Path) -> None:
    doc = load(tmp_path, "Darchiyev and Coulter last met in Istanbul on Feb. 27 to discuss the operations of\n\n"
                         "Related article: How the trade war could crash the economy\n\n"
                         "their diplomatic missions, the ministry said.\n")
    assert len(doc.sentences) == 1
    assert "trade war" not in doc.sentences[0].text
    assert doc.sentences[0].text.endswith("their diplomatic missions, the ministry said.")


def test_crlf_page_furniture(tmp_path: Path) -> None:
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"Talks end in Geneva\r\nApril 1, 2025\r\n\r\nThe talks ended on Monday, officials said.\r\n"
                  b"Also Read\r\nPort strike ends\r\n")
    doc = load_document(p)
    assert furniture(doc) == [("publication date", "April 1, 2025"), ("teaser", "Also Read\r\nPort strike ends")]
    assert doc.line_col(doc.furniture[1].start) == (5, 1)
    assert body(doc) == "Talks end in Geneva\nThe talks ended on Monday, officials said."


# ---------------------------------------------------------------- the seeds against the gold
@pytest.fixture(scope="module")
def seeds():
    docs, errors = load_corpus([ROOT / "seeds"])
    assert not errors
    return {Path(d.meta.path).name: d for d in docs}


@pytest.fixture(scope="module")
def gold():
    path = ROOT.parent / "shared" / "gold" / "seeds.json"
    if not path.is_file():
        pytest.skip("../shared/gold/seeds.json is not present")
    return json.loads(path.read_text("utf-8"))


def _sentence_spans(doc) -> list[tuple[int, int]]:
    return [doc.raw_span(s.start, s.end) for s in doc.sentences]


def test_no_gold_boilerplate_is_inside_a_sentence(seeds, gold) -> None:
    for item in gold["boilerplate"]:
        doc = seeds[gold["sources"][item["source"]]["file"]]
        i = doc.raw.index(item["text"])
        j = i + len(item["text"])
        assert not any(s < j and i < e for s, e in _sentence_spans(doc)), item


@pytest.mark.parametrize("kind", ["dates", "durations", "counts", "ordinals", "quotes"])
def test_gold_triggers_stay_in_the_body_at_their_first_occurrence(seeds, gold, kind: str) -> None:
    for item in gold[kind]:
        doc = seeds[gold["sources"][item["source"]]["file"]]
        i = doc.raw.index(item["trigger"])
        j = i + len(item["trigger"])
        assert any(s <= i and j <= e for s, e in _sentence_spans(doc)), item


def test_seed_metadata_without_the_manifest(tmp_path: Path, gold) -> None:
    for src in gold["sources"].values():
        (tmp_path / src["file"]).write_bytes((ROOT / "seeds" / src["file"]).read_bytes())
    docs, errors = load_corpus([tmp_path])
    assert not errors
    by_name = {Path(d.meta.path).name: d for d in docs}
    for src in gold["sources"].values():
        m = by_name[src["file"]].meta
        assert m.published == src["published"], src["file"]
        assert m.published_from == ("text" if src["published"] else None)
        if "wire" in src:
            assert src["wire"] in {s["agency"] for s in m.syndication if s["kind"] in ("wire", "contributed")}


# ---------------------------------------------------------------- more wire and page conventions
@pytest.mark.parametrize("prefix,agency", [("MOSCOW, April 1. /TASS/. ", "TASS"), ("(Reuters) - ", "Reuters"),
                                           ("BEIJING, April 1 (Xinhua) -- ", "Xinhua"),
                                           ("ISTANBUL (AP) — ", "AP")])
def test_glued_wire_datelines(tmp_path: Path, prefix: str, agency: str) -> None:
    doc = load(tmp_path, f"{prefix}Russian Foreign Minister Sergey Lavrov said on Tuesday that talks would go on.\n")
    assert furniture(doc) == [("dateline", prefix.strip())]
    assert doc.sentences[0].text.startswith("Russian Foreign Minister")
    assert doc.meta.syndication == [{"marker": prefix.strip(), "agency": agency, "kind": "wire"}]


def test_parenthesis_that_is_no_agency_is_not_a_dateline(tmp_path: Path) -> None:
    doc = load(tmp_path, "(Updated) - The talks lasted six hours on Monday, officials said.\n")
    assert doc.furniture == []


def test_separator_lines_and_photo_credits(tmp_path: Path) -> None:
    doc = load(tmp_path, "The talks ended on Monday, officials said.\n___\nImage source, Getty Images\n"
                         "Image caption, Lavrov met the US envoy on Tuesday\n* * *\nThey resume in May, he said.\n")
    assert [r for r, _ in furniture(doc)] == ["separator", "caption", "separator"]
    assert body(doc) == "The talks ended on Monday, officials said.\nThey resume in May, he said."


def test_source_line_with_agencies(tmp_path: Path) -> None:
    doc = load(tmp_path, "The talks ended on Monday, officials said.\nSource: Al Jazeera and news agencies\n")
    assert doc.meta.outlet == "Al Jazeera"
    doc = load(tmp_path, "The talks ended on Monday, officials said.\nSource: TASS\n")
    assert doc.meta.outlet is None
    assert doc.meta.syndication == [{"marker": "Source: TASS", "agency": "TASS", "kind": "wire"}]


def test_a_broken_paragraph_is_neither_a_headline_nor_a_list_item(tmp_path: Path) -> None:
    text = ("Talks set for Thursday in Istanbul\n\n"
            "The second round of talks will take place on Thursday, the Kremlin said on Tuesday.\n\n"
            "Darchiyev and Coulter last met in Istanbul on Feb. 27 to discuss normalizing the operations of\n\n"
            "their diplomatic missions, the ministry said.\n\nSOURCE: Example Times\n")
    doc = load(tmp_path, text)
    assert [r for r, _ in furniture(doc)] == ["source line"]
    assert doc.sentences[-1].text.endswith("their diplomatic missions, the ministry said.")
    doc = load(tmp_path, "The talks ended on Monday, officials said.\nAlso Read\nPort strike ends\n"
                         "The delegations will meet again in May to discuss the operations of\n"
                         "their embassies, the ministry said.\n")
    assert body(doc).endswith("their embassies, the ministry said.")
    assert "Port strike" not in body(doc)


def test_html_line_breaks_inside_a_paragraph(tmp_path: Path) -> None:
    page = ("<html><body><div class='menu'><ul><li>News<li>Sport</ul></div><h2>Talks resume</h2>"
            "<p>Talks resumed on Monday<br>in Geneva, officials said.</p>"
            "<div class='related-articles'><div><a>Other story one</a></div></div>"
            "<p>The sides met for 6 hours.</p><div class='social-share'>Share</div>"
            "<script>alert('<p>x</p>')</script><p>Unclosed paragraph at the end, he said.")
    doc = load(tmp_path, page, "messy.html")
    assert [s.text for s in doc.sentences] == ["Talks resume", "Talks resumed on Monday\nin Geneva, officials said.",
                                               "The sides met for 6 hours.", "Unclosed paragraph at the end, he said."]
    assert [r for r, _ in furniture(doc)] == ["navigation", "teaser", "widget"]


# ---------------------------------------------------------------- captions seen in the body, embeds, banners
_LEAD = ("Flood waters rose across the valley on Sunday, officials said.\n\n"
         "Rescue teams reached three villages by nightfall, the agency said.\n\n")
_TAIL = "\n\nThe river is expected to fall by Wednesday, forecasters said.\n"


@pytest.mark.parametrize("line", [
    "Volunteers carry sandbags to a school on Monday after the river burst its banks. Jane Roe/AP hide caption",
    "Volunteers carry sandbags to a school on Monday. Jane Roe/AP toggle caption",
    "Volunteers carry sandbags to a school near the river in Riverton. (XNA)",
    "Volunteers carry sandbags to a school near the river in Riverton. (Reuters)",
    "Jane Roe/AP",
    "Riverwatch.org. Image by Valley Herald.",
    "flood_map_final-v2.jpg",
    "1,204",
])
def test_captions_inside_the_body(tmp_path: Path, line: str) -> None:
    doc = load(tmp_path, _LEAD + line + _TAIL)
    assert [t for _r, t in furniture(doc)] == [line]
    assert furniture(doc)[0][0] in ("caption", "widget")
    assert "three villages" in body(doc) and "by Wednesday" in body(doc)


@pytest.mark.parametrize("line", [
    "The agency released an image by its own photographers on Monday.",
    "Two sentences end here. The last one names an agency. (XNA)",
    "Officials will meet again on Tuesday. Jane Roe said",
])
def test_body_lines_like_captions_stay(tmp_path: Path, line: str) -> None:
    doc = load(tmp_path, _LEAD + line + _TAIL)
    assert doc.furniture == [] and line.split(". ")[0] in body(doc)


def test_the_last_body_line_closing_with_an_agency_stays(tmp_path: Path) -> None:
    doc = load(tmp_path, _LEAD + "The river is expected to fall by Wednesday, forecasters said. (Reuters)\n")
    assert doc.furniture == [] and "by Wednesday" in body(doc)


def test_a_caption_title_right_above_a_caption(tmp_path: Path) -> None:
    doc = load(tmp_path, _LEAD + "River gauge readings\nRiverwatch.org. Image by Valley Herald." + _TAIL)
    assert furniture(doc) == [("caption", "River gauge readings\nRiverwatch.org. Image by Valley Herald.")]


def test_a_sub_heading_above_a_paragraph_stays(tmp_path: Path) -> None:
    doc = load(tmp_path, _LEAD + "River gauge readings\n\nThe gauge at Millford read 6.2 metres on Monday." + _TAIL)
    assert doc.furniture == [] and "6.2 metres" in body(doc)


def test_adjacent_copies_of_a_caption_are_both_set_aside(tmp_path: Path) -> None:
    cap = "A rescuer lifts a boy from a flooded car in Millford on Monday."
    doc = load(tmp_path, _LEAD + cap + "\n\n" + cap + _TAIL)
    assert [r for r, _t in furniture(doc)] == ["caption"]
    assert "flooded car" not in body(doc) and "three villages" in body(doc)


def test_a_caption_said_twice_on_one_line(tmp_path: Path) -> None:
    cap = "A rescuer lifts a boy from a flooded car in Millford."
    doc = load(tmp_path, _LEAD + cap + " " + cap + _TAIL)
    assert furniture(doc) == [("caption", cap + " " + cap)]


def test_repeated_paragraph_far_apart_keeps_the_first(tmp_path: Path) -> None:
    para = "A rescuer lifted a boy from a flooded car in Millford on Monday."
    doc = load(tmp_path, _LEAD + para + "\n\nThe water reached the first floor, residents said.\n\n" + para + _TAIL)
    assert [r for r, _t in furniture(doc)] == ["duplicate of line 5"]
    assert body(doc).count("flooded car") == 1


_TWEET = ("Water is pouring through the main street of Millford right now. pic.twitter.com/Ab12Cd34 "
          "— Sam Field (@samfield) March 3, 2024")


def test_embedded_post_with_its_title_and_earlier_paragraph(tmp_path: Path) -> None:
    doc = load(tmp_path, _LEAD + "Footage of the flooding posted online\n\n"
                                 "Unbelievable scenes in the valley tonight.\n\n\n\n" + _TWEET + _TAIL)
    assert [r for r, _t in furniture(doc)] == ["embed"]
    assert furniture(doc)[0][1].startswith("Footage of the flooding") and furniture(doc)[0][1].endswith("2024")
    assert "Unbelievable" not in body(doc) and "three villages" in body(doc) and "by Wednesday" in body(doc)


def test_embedded_post_leaves_the_paragraph_that_introduces_it(tmp_path: Path) -> None:
    doc = load(tmp_path, _LEAD + "A resident posted a video of the flooding:\n\n\n\n" + _TWEET + _TAIL)
    assert furniture(doc) == [("embed", _TWEET)]
    assert "posted a video" in body(doc)


def test_embedded_post_on_a_widely_spaced_page_takes_no_body_paragraph(tmp_path: Path) -> None:
    text = ("Flood waters rose across the valley on Sunday, officials said.\n\n\n"
            "Rescue teams reached three villages by nightfall, the agency said.\n\n\n" + _TWEET
            + "\n\n\nThe river is expected to fall by Wednesday, forecasters said.\n")
    doc = load(tmp_path, text)
    assert furniture(doc) == [("embed", _TWEET)]
    assert "three villages" in body(doc)


def test_a_handle_in_a_sentence_is_no_embed(tmp_path: Path) -> None:
    line = "The county (@millfordcounty) said on X that roads would reopen on Friday."
    doc = load(tmp_path, _LEAD + line + _TAIL)
    assert doc.furniture == [] and line in body(doc)


@pytest.mark.parametrize("line", ["Breaking: Storm strengthens as coast braces for landfall",
                                  "March 3, 2024 Breaking: Storm strengthens as coast braces for landfall",
                                  "Live: Election results from every county"])
def test_banners_from_other_stories(tmp_path: Path, line: str) -> None:
    doc = load(tmp_path, line + "\n\nValley floods recede across three counties\n\n" + _LEAD.strip() + _TAIL)
    assert ("teaser", line) in furniture(doc)
    assert "three villages" in body(doc) and doc.meta.title == "Valley floods recede across three counties"
    doc = load(tmp_path, _LEAD + line + _TAIL)  # inside the body
    assert furniture(doc) == [("teaser", line)]


def test_a_breaking_sentence_stays(tmp_path: Path) -> None:
    line = "Breaking: the dam held overnight, engineers said on Monday."
    doc = load(tmp_path, _LEAD + line + _TAIL)
    assert doc.furniture == [] and "the dam held overnight" in body(doc)


def test_tag_list_after_more_about(tmp_path: Path) -> None:
    doc = load(tmp_path, _LEAD.strip() + "\n\nMore about:\n\nFloods\n\nValley News\n")
    assert [r for r, _t in furniture(doc)] == ["teaser"]
    assert body(doc).endswith("the agency said.")


def test_a_breaking_headline_that_is_the_pages_own_stays(tmp_path: Path) -> None:
    doc = load(tmp_path, "Breaking News: Dam Holds as Valley Floods Recede\nMarch 3, 2024\n\n" + _LEAD.strip() + _TAIL)
    assert all("Dam Holds" not in t for _r, t in furniture(doc))
    assert doc.meta.title == "Breaking News: Dam Holds as Valley Floods Recede"


@pytest.mark.parametrize("line,reason", [
    ("[Related: Why Valley Dams Keep Failing: What Went Wrong?]", "teaser"),
    ("(Read more: FloodWatch Says Rivers Will Peak Tonight)", "teaser"),
    ("ARTICLE AD BOX", "widget"),
    ("Valley Herald2 days ago", "widget"),
    ("Jane Roe, Senior News Editor", "byline"),
])
def test_one_line_furniture_in_the_body(tmp_path: Path, line: str, reason: str) -> None:
    doc = load(tmp_path, _LEAD + line + _TAIL)
    assert furniture(doc) == [(reason, line)]


@pytest.mark.parametrize("line", ["Jane Roe, the county's senior editor, said the bridge would reopen on Friday.",
                                  "Jane Roe, a farmer near Millford",
                                  "(The bridge reopened on Friday, officials said.)"])
def test_body_lines_like_bylines_or_teasers_stay(tmp_path: Path, line: str) -> None:
    doc = load(tmp_path, _LEAD + line + _TAIL)
    assert doc.furniture == [] and line in body(doc)


def test_a_quotation_naming_terms_and_conditions_is_body() -> None:
    from checker.sources.furniture import analyse
    body = ("Delta said it would seek damages from the software vendor after the outage.\n\n"
            "“It is very hard to hold vendors liable because of the limits in most terms and conditions,” "
            "the professor said.\n\nTerms and Conditions | Privacy Policy\n")
    spans = [body[s:e] for s, e, _why in analyse(body).spans]
    assert any("Privacy Policy" in t for t in spans)
    assert not any("professor" in t for t in spans)


def test_agency_photo_credits_getty_captions_and_arrow_teasers_are_furniture() -> None:
    from checker.sources.furniture import analyse
    body = ("The minister met the envoy in Geneva on Monday, officials said, and the talks lasted six hours.\n\n"
            "REUTERS/Jane Doe\n\n"
            "Firefighters work at the scene of the blast in the port area. AFP via Getty Images\n\n"
            ">>> Watch the video about the talks in Geneva\n\n"
            "Reuters/Ipsos polling shows the mayor ahead of the vote in the city.\n\n"
            "The two sides agreed to meet again next month, the foreign ministry said on Tuesday.\n")
    spans = " | ".join(body[s:e] for s, e, _why in analyse(body).spans)
    for furniture in ("REUTERS/Jane Doe", "AFP via Getty Images", ">>> Watch the video"):
        assert furniture in spans
    for prose in ("Reuters/Ipsos polling", "agreed to meet again", "talks lasted six hours"):
        assert prose not in spans
