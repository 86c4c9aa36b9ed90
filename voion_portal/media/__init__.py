"""The media library: images and documents editors upload once and use everywhere.

`models` holds the two kinds, `processing` checks an upload by its content and turns an
image into clean, re-encoded sizes, `embeds` renders them into Markdown texts and pages,
`views` serves the files with safe headers. The admin, the chooser and the "still in use"
protection live with the editors (`voion_portal.editors.media_admin`).
"""
