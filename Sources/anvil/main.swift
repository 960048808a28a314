import AnvilApp
