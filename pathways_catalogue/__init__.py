"""The network catalogue: institutions, courses, progression agreements and contacts."""
