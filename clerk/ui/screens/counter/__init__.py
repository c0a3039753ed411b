"""The Counter (F1): recognise the customer, their 360, the online cart finished here."""
