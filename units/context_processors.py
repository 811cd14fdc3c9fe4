from django.http import HttpRequest

from units import access


def role(request: HttpRequest) -> dict:
    """Expose the signed-in user's role and unit to every template (menus only; views check again)."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"user_role": access.role_of(user), "user_unit": access.clerk_unit(user)}
