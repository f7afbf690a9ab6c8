// CoopmailIntake
