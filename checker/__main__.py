"""``python -m checker`` runs the command line."""

from .cli import main

if __name__ == "__main__":  # not when a --jobs worker process is spawned
    main()
