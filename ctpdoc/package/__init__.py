"""The package layer: opening the files ctpdoc reads, safely, and writing the files it writes, whole.

Takes a path to an ``.xlsx``, ``.docx`` or ``.ods`` file; gives what the file
really is when it is not what its name says, the XML of its parts parsed under
one policy (no entities, no network, bounded sizes), and the XML namespaces
every reader and writer of WordprocessingML shares; and writes every file ctpdoc writes, all of a
command's files or none (:mod:`.writer`), keeping the backups beside them (:mod:`.backups`). Imports
only the root.
"""
