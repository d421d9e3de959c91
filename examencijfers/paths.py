"""Where things live by default. Every command takes --db / --published to point elsewhere."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RAW = DATA / "raw"
REFERENCE = DATA / "reference"
WAREHOUSE = DATA / "warehouse.duckdb"
PUBLISHED = DATA / "published.duckdb"
SQL = Path(__file__).resolve().parent / "sql"
