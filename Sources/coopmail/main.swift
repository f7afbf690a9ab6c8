print("coopmail")
