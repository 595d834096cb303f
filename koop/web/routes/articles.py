"""/api/articles: list, one article with its text, and POST to ingest one."""
from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from ...article import Article
from ...errors import KoopError
from ...ingest import ingest_article
from ...io.web import Fetcher, page_to_article, url_to_id
from ...graph import read_graph
from ...store import Store
from ...store.names import text_hash
from ..deps import Reader, Paging, get_settings, get_store, paging, require_token
from ..models import (ArticleDetailOut, ArticleIn, ArticleOut, ArticlePage, ErrorOut, IngestOut)
from ..settings import WebSettings
from .errors import ERRORS, INVALID

router = APIRouter(prefix="/api/articles", tags=["articles"])


@router.get("", response_model=ArticlePage, responses=INVALID, summary="Stored articles")
def list_articles(reader: Reader, page: Annotated[Paging, Depends(paging)],
                  q: Annotated[Optional[str], Query(max_length=200, description="Part of the "
                                                    "title or key")] = None) -> ArticlePage:
    """Newest first, undated last."""
    total, items = reader.list_articles(q, page.limit, page.offset)
    return ArticlePage(total=total, limit=page.limit, offset=page.offset,
                       items=[ArticleOut(**i) for i in items])


@router.get("/{key:path}", response_model=ArticleDetailOut, responses=ERRORS,
            summary="One article with its text and the cooperations it reports")
def article_detail(reader: Reader, key: Annotated[str, Path(max_length=300)]) -> ArticleDetailOut:
    found = reader.get_article(key)
    if found is None:
        raise KoopError("E057", key=key)
    return ArticleDetailOut(**found)


def _article_of(body: ArticleIn, settings: WebSettings) -> Article:
    """The Article to extract: the posted text, or the page fetched from ``body.url``."""
    if body.text is not None:
        key = body.id or (url_to_id(body.url) if body.url else f"post-{text_hash(body.text)[:16]}")
        return Article(id=key, text=body.text, url=body.url, title=body.title, date=body.date,
                       lang=body.lang)
    if body.url is None:
        raise KoopError("E054")
    with Fetcher(settings.fetch) as fetcher:  # refuses private addresses unless allowed
        fetched = fetcher.get(body.url)       # E045 failed, E017 refused
    article = page_to_article(fetched, body.id)  # E045 content type, E013 binary, E014 no text
    article.title = body.title or article.title
    article.date = body.date or article.date
    article.lang = body.lang or article.lang
    return article


@router.post("", status_code=201, response_model=IngestOut,
             dependencies=[Depends(require_token)], summary="Ingest one article",
             responses={200: {"model": IngestOut, "description": "Already stored (duplicate)"},
                        401: {"model": ErrorOut, "description": "Missing or wrong token"},
                        403: {"model": ErrorOut, "description": "Read-only server"},
                        400: {"model": ErrorOut, "description": "The URL's address is refused "
                              "(private or loopback; see docs/web.md)"},
                        413: {"model": ErrorOut, "description": "The body is larger than "
                              "the server's limit (E055); refused before it is read"},
                        422: {"model": ErrorOut, "description": "Invalid fields (E059), no "
                              "text (E054), or no article text in the page (E013, E014)"},
                        502: {"model": ErrorOut, "description": "The URL could not be fetched"}})
def post_article(body: ArticleIn, request: Request, response: Response,
                 store: Annotated[Store, Depends(get_store)],
                 settings: Annotated[WebSettings, Depends(get_settings)]) -> IngestOut:
    """Extract the article (posted as `text`, or fetched from `url`) and merge it
    into the graph. Needs `Authorization: Bearer <token>`. An article whose URL
    or text is already stored is not extracted again (200, `duplicate`)."""
    if body.text is None and body.url:
        with read_graph(store) as reader:
            known = reader.stored_article_key(url=body.url)
        if known is not None:
            return _answer(store, response, "duplicate", known, 0, False)
    article = _article_of(body, settings)
    state = request.app.state
    with state.write_lock:  # one extraction and write at a time
        result = ingest_article(store, article, state.pipeline_factory())
    return _answer(store, response, result.status, result.key, result.cooperations,
                   result.near_duplicate)


def _answer(store: Store, response: Response, status: str, key: str, cooperations: int,
            near_duplicate: bool) -> IngestOut:
    if status == "duplicate":
        response.status_code = 200
    with read_graph(store) as reader:
        found = reader.get_article(key)
    fields = {k: found[k] for k in ArticleOut.model_fields}
    return IngestOut(status=status, article=ArticleOut(**fields), cooperations=cooperations,
                     near_duplicate=near_duplicate)
