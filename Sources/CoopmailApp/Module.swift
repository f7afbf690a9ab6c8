// CoopmailApp
