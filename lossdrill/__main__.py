from lossdrill.launch import main

main()
