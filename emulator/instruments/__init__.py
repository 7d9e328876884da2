"""What every instrument area shares: states, the activity and statement views, bank details."""
