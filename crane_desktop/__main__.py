from crane_desktop.cli import main

raise SystemExit(main())
