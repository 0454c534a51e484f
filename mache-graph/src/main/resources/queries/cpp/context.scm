; C++: file-level includes and using-declarations form the context

(translation_unit (preproc_include) @context)
(translation_unit (using_declaration) @context)
(translation_unit (alias_declaration) @context)
(preproc_include path: (_) @import)
