"""What the tests share: the repository and its sample (repo), small workbooks and templates (factory), the
workbooks read with bare openpyxl (oracle), built documents read back (docxread), the hostile-input corpus's rules
(corpus), XLIFF as a translator's tool sees it (xliff), the review page (reviewpage), one LibreOffice per session
(libreoffice), an import compared with its workbooks (importcheck). No test module imports another."""
