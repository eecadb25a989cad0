"""The portfolio wall: /muur/ (every record as a card), its poster view for print, and QR codes."""
