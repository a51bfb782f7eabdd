"""Analysis: normalized AI technologies, industries, regions, organizations, people, policies, figures, keywords."""
