// The first 20,000 characters of the text the page shows (error and maintenance texts).
() => (document.body ? document.body.innerText.slice(0, 20000) : '')
