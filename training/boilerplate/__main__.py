from training.boilerplate.cli import main

raise SystemExit(main())
