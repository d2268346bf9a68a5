"""``python -m policyscore``: the same command line as the ``policyscore`` script."""

from policyscore.cli import main

if __name__ == "__main__":
    main()
