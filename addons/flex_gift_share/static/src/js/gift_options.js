import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { _t } from "@web/core/l10n/translation";

const CHECKOUT_BUTTON = "a[name='website_sale_main_button'], a[href^='/shop/checkout']";
const UPDATE_URL = "/shop/flex_gift/update";

/**
 * The cart's gift options, saved as the buyer types (``/shop/flex_gift/update``, which the
 * order's ``_flex_gift_check_gift`` validates) and in any case before checkout proceeds: a
 * click on the checkout button waits for the last save, and stays on the cart with the error
 * beside its field when the options are refused. Nothing typed is reset. Without scripts the
 * form keeps its "Save gift options" button (a plain post).
 */
export class FlexGiftOptions extends Interaction {
    static selector = ".o_flex_gift_form";
    dynamicContent = {
        _root: {
            "t-on-input": this.onEdit,
            "t-on-change": this.onEdit,
            "t-on-focusout": this.onLeave,
            "t-on-submit.prevent": this.onSubmit,
        },
        _document: { "t-on-click": this.onDocumentClick },
        _window: { "t-on-pagehide": this.onPageHide },
        ".o_flex_gift_save": { "t-att-class": () => ({ "d-none": true }) },
    };

    setup() {
        this.dirty = false;
        this.saving = Promise.resolve();
        this.errors = null; // none known: the server's marks (a refused post) stay as they are
        this.touched = new Set();
        this.saveSoon = this.debounced(this.save, 500);
        this.statusEl = this.el.querySelector(".o_flex_gift_status");
        this.badgeEl = this.el.querySelector(".o_flex_gift_is_gift");
    }

    onEdit(ev) {
        if (!ev.target.name) {
            return;
        }
        if (ev.type === "change") {
            this.touched.add(ev.target.name);
        }
        this.dirty = true;
        this.el.dataset.state = "editing";
        this.statusEl.textContent = "";
        this.saveSoon();
    }

    onLeave(ev) {
        if (ev.target.name && this.dirty) {
            this.touched.add(ev.target.name);
        }
    }

    async onSubmit() {
        this.touched = new Set(this.fieldNames());
        await this.waitFor(this.flush());
    }

    async onDocumentClick(ev) {
        const button = ev.target.closest?.(CHECKOUT_BUTTON);
        if (!button || !button.href || button.classList.contains("disabled")) {
            return;
        }
        ev.preventDefault();
        this.touched = new Set(this.fieldNames());
        const errors = await this.waitFor(this.flush());
        if (Object.keys(errors).length) {
            const field = this.el.querySelector(".is-invalid");
            field?.scrollIntoView({ block: "center" });
            field?.focus();
            return;
        }
        window.location.assign(button.href);
    }

    /** Leaving the cart another way with options not saved yet: send them as the page goes. */
    onPageHide() {
        if (!this.dirty) {
            return;
        }
        this.saveSoon.cancel();
        this.dirty = false;
        fetch(UPDATE_URL, {
            method: "POST",
            keepalive: true,
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: 0, params: this.values() }),
        });
    }

    values() {
        const form = this.el;
        return {
            is_gift: form.querySelector("[name='is_gift']").checked,
            sender_name: form.querySelector("[name='sender_name']").value,
            message: form.querySelector("[name='message']").value,
            allow_swap: form.querySelector("[name='allow_swap']").checked,
        };
    }

    fieldNames() {
        return [...this.el.querySelectorAll("[name]")].map((el) => el.name);
    }

    /** Save now what is typed (after any save under way); resolves to the errors. */
    flush() {
        this.saveSoon.cancel();
        return this.save();
    }

    save() {
        // one save at a time, in order: the last one writes what the form holds last
        this.saving = this.saving.then(() => this._save());
        return this.saving;
    }

    async _save() {
        if (!this.dirty) {
            if (this.errors) {
                this.showErrors(); // the fields touched since may now show theirs
            }
            return this.errors || {};
        }
        this.dirty = false;
        let result;
        try {
            result = await this.waitFor(rpc(UPDATE_URL, this.values()));
        } catch {
            this.dirty = true; // not saved: the next save (or checkout) tries again
            this.statusEl.textContent = _t("Your gift options could not be saved. Please try again.");
            return { is_gift: this.statusEl.textContent };
        }
        this.errors = result.errors;
        this.showErrors();
        this.badgeEl.classList.toggle("d-none", !result.is_gift);
        if (!this.dirty) {
            // what the form holds now is saved, or refused (for tests and styles)
            const refused = Object.keys(this.errors).length;
            this.el.dataset.state = refused ? "refused" : "saved";
            this.statusEl.textContent = refused ? "" : _t("Gift options saved");
        }
        return this.errors;
    }

    showErrors() {
        for (const feedback of this.el.querySelectorAll(".o_flex_gift_field_error")) {
            const name = feedback.dataset.field;
            const field = this.el.querySelector(`[name='${name}']`);
            const message = this.touched.has(name) ? this.errors[name] : undefined;
            feedback.textContent = message || "";
            field.classList.toggle("is-invalid", Boolean(message));
        }
    }
}

registry.category("public.interactions").add("flex_gift_share.gift_options", FlexGiftOptions);
