"""One module per external service. Each takes its transport (an httpx.Client or SMTP settings)
from the caller, returns typed values and raises its own error type."""
