"""`python -m queries` prints the catalogue of queries (question, parameters, output) as Markdown."""
from queries import catalogue

print(catalogue())
