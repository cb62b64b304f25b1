from walletcomplain.cli import main

main()
