import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import preview as preview_tools
from ..tools import rules


class FlexGiftComponent(models.Model):
    """A personalization component of a library work and its rules.

    The customer's value for a component is validated on the server by
    :meth:`_clean_value`, on every preview and every add to cart.
    """

    _name = "flex.gift.component"
    _description = "Personalization Component"
    _order = "product_tmpl_id, sequence, id"

    product_tmpl_id = fields.Many2one("product.template", string="Work", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    component_type = fields.Selection(
        [("text", "Text"), ("choice", "Choice"), ("image", "Image Upload")],
        string="Type",
        required=True,
        default="text",
    )
    required = fields.Boolean()
    help_text = fields.Char(string="Hint", translate=True)
    # text rules
    max_length = fields.Integer(string="Max Characters", default=20)
    max_lines = fields.Integer(default=1)
    charset = fields.Selection(
        [
            ("any", "Any printable character"),
            ("latin", "Latin letters, digits, punctuation"),
            ("cjk_latin", "Chinese/Japanese/Korean and Latin"),
            ("digits", "Digits only"),
        ],
        string="Allowed Characters",
        default="any",
        required=True,
    )
    # choice rules
    option_ids = fields.One2many("flex.gift.component.option", "component_id", string="Options")
    # image rules
    allowed_image_types = fields.Char(default="image/png,image/jpeg")
    max_bytes = fields.Integer(string="Max File Size (bytes)", default=5 * 1024 * 1024)
    max_pixels = fields.Integer(default=12_000_000)
    # where it sits on the preview (fractions of the square canvas)
    box_x = fields.Float(string="Box Left", default=0.1, digits=(3, 3))
    box_y = fields.Float(string="Box Top", default=0.75, digits=(3, 3))
    box_w = fields.Float(string="Box Width", default=0.8, digits=(3, 3))
    box_h = fields.Float(string="Box Height", default=0.15, digits=(3, 3))
    font = fields.Selection(
        [("sans", "Sans"), ("sans_bold", "Sans Bold"), ("serif", "Serif"), ("serif_bold", "Serif Bold")],
        default="sans",
        required=True,
        help="Noto Sans/Serif CJK: Chinese, Japanese, Korean and Latin.",
    )
    font_size = fields.Integer(default=56, help="In pixels of a 1024 px preview.")
    color = fields.Char(default="#222222")

    _max_length_positive = models.Constraint("CHECK (max_length >= 0)", "Max characters cannot be negative.")
    _max_lines_positive = models.Constraint("CHECK (max_lines >= 1)", "At least one line is needed.")

    @api.constrains("box_x", "box_y", "box_w", "box_h")
    def _check_box(self):
        for component in self:
            box = (component.box_x, component.box_y, component.box_w, component.box_h)
            if (
                any(v < 0 or v > 1 for v in box)
                or component.box_x + component.box_w > 1.0001
                or component.box_y + component.box_h > 1.0001
            ):
                raise ValidationError(
                    self.env._(
                        "The preview box of “%s” must lie inside the image (fractions between 0 and 1).",
                        component.name,
                    )
                )

    @api.constrains("component_type", "option_ids")
    def _check_options(self):
        for component in self:
            if component.component_type == "choice" and not component.option_ids:
                raise ValidationError(self.env._("The choice component “%s” needs its options.", component.name))

    # ------------------------------------------------------------------
    # validation
    # ------------------------------------------------------------------

    def _violation_message(self, violation):
        """The user-facing, translated message of a rules.RuleViolation."""
        p = violation.params
        messages = {
            "required": lambda: self.env._("“%s” is required.", self.name),
            "not_text": lambda: self.env._("“%s” must be text.", self.name),
            "too_long": lambda: self.env._(
                "“%(name)s” is limited to %(max)s characters (you entered %(length)s).",
                name=self.name,
                max=p["max_length"],
                length=p["length"],
            ),
            "too_many_lines": lambda: self.env._(
                "“%(name)s” is limited to %(max)s line(s).", name=self.name, max=p["max_lines"]
            ),
            "control_character": lambda: self.env._(
                "“%(name)s” contains an invisible or control character (%(code)s).",
                name=self.name,
                code=p["codepoint"],
            ),
            "character_not_allowed": lambda: self.env._(
                "“%(name)s” does not accept the character “%(char)s”.", name=self.name, char=p["char"]
            ),
            "image_type": lambda: (
                self.env._(
                    "“%(name)s” accepts only these image types: %(types)s. This file is a %(found)s image.",
                    name=self.name,
                    types=self._image_type_names(),
                    found=rules.type_names([p["found"]]),
                )
                if p.get("found")
                else self.env._(
                    "“%(name)s” accepts only these image types: %(types)s. This file is not one of them.",
                    name=self.name,
                    types=self._image_type_names(),
                )
            ),
            "image_too_heavy": lambda: self.env._(
                "The image for “%(name)s” is too heavy: %(size)s, at most %(max)s. Please upload a smaller file.",
                name=self.name,
                size=rules.human_bytes(p["size"]),
                max=rules.human_bytes(p["max_bytes"]),
            ),
            "image_too_large": lambda: (
                self.env._(
                    "The image for “%(name)s” has too many pixels: %(width)s × %(height)s, at most %(max)s "
                    "megapixels (for example %(example)s). Please resize it.",
                    name=self.name,
                    width=p["width"],
                    height=p["height"],
                    max=rules.megapixels(p["max_pixels"]),
                    example=rules.example_dimensions(p["max_pixels"]),
                )
                if p.get("width")
                else self.env._(
                    "The image for “%(name)s” has too many pixels: at most %(max)s megapixels. Please resize it.",
                    name=self.name,
                    max=rules.megapixels(p["max_pixels"]),
                )
            ),
            "image_unreadable": lambda: self.env._(
                "The file for “%(name)s” cannot be read as an image: it may be damaged or not an image. "
                "Please upload it again as %(types)s.",
                name=self.name,
                types=self._image_type_names(),
            ),
            "unknown_option": lambda: self.env._("“%s”: please pick one of the offered options.", self.name),
            "does_not_fit": lambda: self.env._(
                "“%(name)s” does not fit in its printable area: shorten it (at most %(max)s characters on "
                "%(lines)s line(s), fewer with wide letters).",
                name=self.name,
                max=self.max_length,
                lines=self.max_lines,
            ),
        }
        return messages.get(violation.code, lambda: self.env._("“%s” is not valid.", self.name))()

    def _image_type_names(self):
        """The accepted image types as people know them: “PNG, JPEG”."""
        allowed = [t.strip() for t in (self.allowed_image_types or "").split(",") if t.strip()]
        return rules.type_names(allowed or ("image/png", "image/jpeg"))

    def _clean_value(self, value):
        """Validate one customer value; return the value to store.

        text → normalized text; choice → option id; image → digest of the
        stored upload. Raises ValidationError with a translated message.
        """
        self.ensure_one()
        try:
            if self.component_type == "text":
                text = rules.clean_text(
                    value,
                    max_length=self.max_length,
                    max_lines=self.max_lines,
                    charset=self.charset,
                    required=self.required,
                )
                if text and not preview_tools.text_fits(
                    text, self._flex_gift_box(), preview_tools.find_cjk_font(self.font), self.font_size
                ):
                    raise rules.RuleViolation("does_not_fit")
                return text
            if self.component_type == "choice":
                if value in (None, "", False):
                    if self.required:
                        raise rules.RuleViolation("required")
                    return False
                try:
                    option_id = int(value)
                except (TypeError, ValueError):
                    raise rules.RuleViolation("unknown_option") from None
                if option_id not in self.option_ids.ids:
                    raise rules.RuleViolation("unknown_option")
                return option_id
            return self._clean_image(value)
        except rules.RuleViolation as violation:
            raise ValidationError(self._violation_message(violation)) from None

    def _clean_image(self, value):
        preview_model = self.env["flex.gift.preview"].sudo()
        if not value:
            if self.required:
                raise rules.RuleViolation("required")
            return False
        if not isinstance(value, str):
            raise rules.RuleViolation("image_unreadable")
        if len(value) == 64 and all(c in "0123456789abcdef" for c in value):
            # digest of an upload made earlier (preview): it must exist and
            # still satisfy this component's rules
            upload = preview_model.search([("digest", "=", value), ("kind", "=", "upload")], limit=1)
            if not upload:
                raise rules.RuleViolation("image_unreadable")
            data = upload._get_bytes()
        else:
            if value.startswith("data:"):
                value = value.partition(",")[2]
            if self.max_bytes and len(value) > (self.max_bytes * 4) // 3 + 8:
                raise rules.RuleViolation("image_too_heavy", max_bytes=self.max_bytes, size=len(value) * 3 // 4)
            try:
                data = base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                raise rules.RuleViolation("image_unreadable") from None
        allowed = tuple(t.strip() for t in (self.allowed_image_types or "").split(",") if t.strip())
        mimetype, _width, _height = rules.check_image(
            data,
            allowed_types=allowed or ("image/png", "image/jpeg"),
            max_bytes=self.max_bytes,
            max_pixels=self.max_pixels,
        )
        return preview_model._store(data, kind="upload", mimetype=mimetype).digest

    # ------------------------------------------------------------------
    # a work's personalization (self: the components of one work)
    # ------------------------------------------------------------------

    def _flex_gift_clean(self, values):
        """Validate a {component id: value} dict against the rules of these components.

        Returns the cleaned dict keyed by component id as a string. Unknown
        components are refused, required ones must be present. Raises
        ValidationError (translated) at the first problem.
        """
        values = values or {}
        if not isinstance(values, dict):
            raise ValidationError(self.env._("The personalization could not be read."))
        unknown = set(map(str, values)) - {str(c.id) for c in self}
        if unknown:
            if self.product_tmpl_id:
                raise ValidationError(
                    self.env._("This personalization does not belong to “%s”.", self.product_tmpl_id[:1].name)
                )
            raise ValidationError(self.env._("This work takes no personalization."))
        cleaned = {}
        for component in self:
            value = component._clean_value(values.get(str(component.id), values.get(component.id)))
            if value not in (False, None, ""):
                cleaned[str(component.id)] = value
        return cleaned

    def _flex_gift_chosen_options(self, values):
        """The options chosen in ``values`` (cleaned or as the browser sent them: anything
        that is not an offered option is ignored), in component order."""
        options = self.env["flex.gift.component.option"]
        for component in self.filtered(lambda c: c.component_type == "choice"):
            value = (values or {}).get(str(component.id), (values or {}).get(component.id))
            options |= component.option_ids.filtered(lambda o, v=str(value): str(o.id) == v)
        return options

    def _flex_gift_extra(self, values):
        """Sum of the price extras of the chosen options."""
        return sum(self._flex_gift_chosen_options(values).mapped("price_extra"))

    def _flex_gift_words(self, cleaned):
        """“Component: value” of each personalized component, for order lines and the artisan."""
        cleaned = cleaned or {}
        return [f"{c.name}: {c._value_label(cleaned[str(c.id)])}" for c in self if str(c.id) in cleaned]

    def _flex_gift_initial_values(self):
        """What the product page starts from: the first option of each required choice."""
        return {
            str(c.id): c.option_ids[:1].id for c in self if c.component_type == "choice" and c.required and c.option_ids
        }

    def _flex_gift_preview_layers(self, cleaned):
        """The preview layers of a cleaned personalization, in component order."""
        cleaned = cleaned or {}
        return [layer for c in self if (layer := c._preview_layer(cleaned.get(str(c.id))))]

    def _flex_gift_box(self):
        self.ensure_one()
        return {"x": self.box_x, "y": self.box_y, "w": self.box_w, "h": self.box_h}

    def _preview_layer(self, value):
        """The preview layer (a plain dict) for a cleaned value, or None."""
        self.ensure_one()
        if not value:
            return None
        box = self._flex_gift_box()
        if self.component_type == "image":
            return {"type": "image", "digest": value, **box}
        text, color = value, self.color
        if self.component_type == "choice":
            option = self.option_ids.filtered(lambda o: o.id == value)
            text, color = option.name, option.color or self.color
        return {"type": "text", "text": text, "font": self.font, "font_size": self.font_size, "color": color, **box}

    def _value_label(self, value):
        """The cleaned value in words, for order lines and the artisan."""
        self.ensure_one()
        if self.component_type == "choice":
            return self.option_ids.filtered(lambda o: o.id == value).name or ""
        if self.component_type == "image":
            return self.env._("uploaded image") if value else ""
        return value or ""
