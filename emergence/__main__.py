"""``python -m emergence``: the same program as the ``emergence`` command."""

from emergence.cli import main

if __name__ == "__main__":
    main()
