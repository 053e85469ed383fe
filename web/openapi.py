"""The OpenAPI 3 document of the catalogue API (written by hand; a test checks it)."""

from __future__ import annotations

from typing import Any, Dict

from pathways_catalogue.contract import STUDY_MODES

#: the longest text a query parameter may carry
MAX_TEXT = 200


def _string_param(
    name: str, description: str, example: str, required: bool = False
) -> Dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "example": example,
        "schema": {
            "type": "string",
            "maxLength": MAX_TEXT,
            **({"minLength": 1} if required else {}),
        },
    }


def _limit(default: int, most: int) -> Dict[str, Any]:
    return {
        "name": "limit",
        "in": "query",
        "required": False,
        "description": "how many results at most",
        "schema": {"type": "integer", "minimum": 1, "maximum": most, "default": default},
    }


def _error(description: str) -> Dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _ok(description: str, schema: str) -> Dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


STRING = {"type": "string"}
NETWORK = _string_param(
    "network", "a network slug (default: the server's network, or all)", "vale_and_wolds"
)
ERRORS = {
    "400": _error("a parameter is missing or not valid"),
    "404": _error("no such course or network"),
    "429": _error("too many requests from this client; wait and retry"),
}

SCHEMAS: Dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": STRING},
    },
    "Course": {
        "type": "object",
        "required": [
            "course_id", "title", "qualification", "institution", "institution_id",
            "level", "subject", "score",
        ],
        "properties": {
            "course_id": STRING,
            "title": STRING,
            "qualification": STRING,
            "institution": STRING,
            "institution_id": STRING,
            "level": {"type": "integer", "minimum": 1, "maximum": 8},
            "subject": STRING,
            "score": {"type": "number", "minimum": 0, "maximum": 100},
        },
    },
    "CourseList": {
        "type": "object",
        "required": ["courses"],
        "properties": {
            "courses": {"type": "array", "items": {"$ref": "#/components/schemas/Course"}}
        },
    },
    "Step": {
        "type": "object",
        "required": [
            "course_id", "title", "qualification", "institution", "institution_id", "level",
            "subject", "town", "modes", "kind", "conditions", "entry_requirements", "url",
        ],
        "properties": {
            "course_id": STRING,
            "title": STRING,
            "qualification": STRING,
            "institution": STRING,
            "institution_id": STRING,
            "level": {"type": "integer", "minimum": 1, "maximum": 8},
            "subject": STRING,
            "town": STRING,
            "modes": {"type": "array", "items": STRING},
            "kind": STRING,
            "conditions": STRING,
            "entry_requirements": STRING,
            "url": STRING,
        },
    },
    "Contact": {
        "type": "object",
        "required": ["name", "role", "institution", "email", "phone"],
        "properties": {k: STRING for k in ("name", "role", "institution", "email", "phone")},
    },
    "Route": {
        "type": "object",
        "required": ["steps", "contact", "score", "why"],
        "properties": {
            "steps": {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/components/schemas/Step"},
            },
            "contact": {
                "nullable": True,
                "allOf": [{"$ref": "#/components/schemas/Contact"}],
            },
            "score": {"type": "number", "minimum": 0, "maximum": 1},
            "why": STRING,
        },
    },
    "RouteList": {
        "type": "object",
        "required": ["course_id", "routes"],
        "properties": {
            "course_id": STRING,
            "routes": {"type": "array", "items": {"$ref": "#/components/schemas/Route"}},
        },
    },
}


def openapi_document() -> Dict[str, Any]:
    """The OpenAPI 3.0 document served at /api/openapi.json."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Pathways catalogue API",
            "version": "1.0.0",
            "description": "Read-only: course search and progression routes from the "
            "network catalogue.",
        },
        "paths": {
            "/api/courses": {"get": _search_courses()},
            "/api/courses/{course_id}/routes": {"get": _routes_from_course()},
        },
        "components": {"schemas": SCHEMAS},
    }


def _search_courses() -> Dict[str, Any]:
    """The operation behind ``GET /api/courses``."""
    return {
        "operationId": "searchCourses",
        "summary": "Find courses by title or alias, typos allowed",
        "parameters": [
            _string_param(
                "q", "what the learner calls the course", "ext dip engineering", required=True
            ),
            NETWORK,
            _limit(10, 50),
        ],
        "responses": {
            "200": {
                **_ok("matching courses, best first", "CourseList"),
                "links": {
                    "RoutesFromFirstCourse": {
                        "operationId": "routesFromCourse",
                        "parameters": {"course_id": "$response.body#/courses/0/course_id"},
                    }
                },
            },
            **ERRORS,
        },
    }


def _routes_from_course() -> Dict[str, Any]:
    """The operation behind ``GET /api/courses/{course_id}/routes``."""
    return {
        "operationId": "routesFromCourse",
        "summary": "Ranked progression routes from a course",
        "parameters": [
            {
                "name": "course_id",
                "in": "path",
                "required": True,
                "description": "catalogue id of the learner's course",
                "example": "ngc-eng-l3-ed",
                "schema": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
            },
            _string_param("interest", "free text: interests, careers", "robots"),
            {
                "name": "mode",
                "in": "query",
                "required": False,
                "description": "only routes with this study mode",
                "schema": {"type": "string", "enum": sorted(STUDY_MODES)},
                "example": "part-time",
            },
            NETWORK,
            _limit(5, 10),
        ],
        "responses": {"200": _ok("routes, best first", "RouteList"), **ERRORS},
    }
