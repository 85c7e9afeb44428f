import sys
from pathlib import Path

# the package from this checkout (tests run without installing it)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
