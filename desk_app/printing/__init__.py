"""Printed documents: reportlab + python-barcode + segno → PDF bytes; openpyxl → XLSX. No Qt."""
