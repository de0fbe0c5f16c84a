// Whether the document is parsed and only audio or video still hold up its load event: a media
// element without its metadata yet (a long recording on a slow server delays `load` for minutes).
() => document.readyState !== 'loading'
  && [...document.querySelectorAll('video, audio')].some(media => media.readyState < 1)
