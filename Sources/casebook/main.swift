import CasebookCommands

CasebookMain.main()
