"""What analysts do with stored records: search, trends, figures, briefings and watchlists."""
