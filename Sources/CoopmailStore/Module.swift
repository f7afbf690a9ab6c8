// CoopmailStore
