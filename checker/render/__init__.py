"""Rendering: how findings read. ``wording`` phrases values, units and events; ``markdown`` writes the
report an editor reads; ``json`` the public JSON report. Judgement never formats for display beyond
calling ``wording``."""
