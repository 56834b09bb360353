import ErlintCLI

Erlint.runMain()
