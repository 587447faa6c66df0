"""The voter-list audit in the application: runs over the stored register, findings people
resolve, and the analysis of a region's voter data (issue 5, items 4 and 5)."""
