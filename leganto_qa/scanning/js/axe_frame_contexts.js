// The frames axe-core wants scanned inside this document's context (arg), with their contexts.
(context) => window.axe.utils.getFrameContexts(context)
