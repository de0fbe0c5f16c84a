// The element axe-core names by a frame selector (through shadow roots), or null.
(selector) => window.axe.utils.shadowSelect(selector)
