// Plotting: PNG charts drawn with FreeType text and written with libpng.
