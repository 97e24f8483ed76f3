from lossdrill.cli.launch import main

main()
