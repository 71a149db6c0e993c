import sys

from huisverbod.cli import main

sys.exit(main())
