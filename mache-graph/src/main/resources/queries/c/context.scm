; C: file-level includes form the context

(translation_unit (preproc_include) @context)
(preproc_include path: (_) @import)
