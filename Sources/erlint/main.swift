import ErlintCLI

Erlint.main()
