"""The LMS on both ends: rosters, gradebook exports, hand marks merged into reports, Gradescope's autograder."""
