"""What the site contains, made from the facts: page parts and generated pages, feeds, sitemap, structured data,
share cards, search and redirects."""
