"""What every movement of money between instruments shares (transfers, sends, wire transfers):
its rules, who calls, its fields."""
