// CoopmailDossier
