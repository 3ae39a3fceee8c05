from typing_test.cli import main

raise SystemExit(main())
