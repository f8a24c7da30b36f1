"""HTTP routes: parse, authenticate, call a service; replies only after the service committed."""
