// Whether axe-core is already injected in this document.
() => typeof window.axe === 'object'
