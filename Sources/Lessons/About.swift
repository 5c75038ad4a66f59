// Lessons: the lesson framework and one file per lesson.
