from django.dispatch import Signal

# Sent once per learner and course, after the transaction that recorded the completion
# commits. Arguments: user, course (CoursePage), completed_at.
course_completed = Signal()
